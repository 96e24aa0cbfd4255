"""Staff pages: writing and publishing news, subscriber figures, editing the communication plan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from openkp.core.access import area_permission_required, get_for_area_or_404
from openkp.core.breadcrumbs import staff_breadcrumbs

from . import selectors, services
from .forms import CommunicationChannelForm, NewsItemForm
from .models import CommunicationChannel, NewsItem


def _news(request, pk):
    """A news item of the area that this person may change; 403 for the other items of the area."""
    news = get_object_or_404(NewsItem.objects.for_area(request.area).select_related("area", "group__area"), pk=pk)
    if not request.user.has_perm("communication.change_news", news):
        raise PermissionDenied
    return news


def _staff_news_breadcrumb(area):
    return (_("Aktuality"), reverse("communication:staff_news", kwargs={"area_slug": area.slug}))


@area_permission_required("communication.manage_news")
def news_list(request):
    area = request.area
    can_view_subscribers = request.user.has_perm("communication.view_subscribers", area)
    news_items = list(selectors.news_for_staff(area=area))
    delivery = selectors.news_delivery_counts(area=area, news_items=news_items)
    for news in news_items:
        news.delivery = delivery.get(news.pk)
    return render(request, "communication/staff/news_list.html", {
        "news_items": news_items,
        "can_view_outbox": request.user.has_perm("core.view_outbox", area),
        "counts": selectors.subscriber_counts(area=area) if can_view_subscribers else None,
        "breadcrumbs": staff_breadcrumbs(area, (_("Aktuality"), None)),
    })


@area_permission_required("communication.manage_news")
def news_edit(request, pk=None):
    area = request.area
    news = _news(request, pk) if pk else NewsItem(area=area)
    form = NewsItemForm(request.POST or None, instance=news, area=area, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("communication.change_news", form.instance):
            raise PermissionDenied
        action = request.POST.get("action", "save")
        try:
            job = services.news_save(news=form.instance, user=request.user, action=action,
                                     base_url=request.build_absolute_uri("/"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if action == "publish":
                messages.success(request, _("Aktualita „%(title)s“ je zveřejněna.") % {"title": news.title})
            elif action == "unpublish":
                messages.success(request, _("Aktualita „%(title)s“ už není zveřejněna.") % {"title": news.title})
            else:
                messages.success(request, _("Aktualita „%(title)s“ je uložena.") % {"title": news.title})
            if job is not None:
                _report_sending(request, news, job)
            return redirect("communication:staff_news", area_slug=area.slug)
    title = news.title if news.pk else _("Nová aktualita")
    return render(request, "communication/staff/news_form.html", {
        "form": form,
        "news": news,
        "delivery": selectors.news_delivery_counts(area=area, news_items=[news]).get(news.pk) if news.pk else None,
        "can_view_outbox": request.user.has_perm("core.view_outbox", area),
        "title": title,
        "breadcrumbs": staff_breadcrumbs(area, _staff_news_breadcrumb(area), (title, None)),
    })


@area_permission_required("communication.manage_news")
@require_POST
def news_send_again(request, pk):
    area = request.area
    news = _news(request, pk)
    job = services.news_send_again(news=news, user=request.user, base_url=request.build_absolute_uri("/"))
    if job is None:
        messages.warning(request, _("Aktualitu teď rozeslat nelze: buď už byla rozeslána, nebo není zveřejněná."))
    else:
        _report_sending(request, news, job)
    return redirect("communication:staff_news", area_slug=area.slug)


def _report_sending(request, news, job):
    """What became of the e-mails: without a worker they have been tried by now, and a failure must not read as sent."""
    counts = selectors.news_delivery_counts(area=news.area, news_items=[news]).get(news.pk)
    if counts and counts["failing"]:
        total = sum(counts.values())
        messages.error(request, ngettext(
            "Aktualita „%(title)s“: nepodařilo se odeslat %(failing)s e-mail z celkového počtu %(total)s. "
            "Odeslání se zkusí znovu; podrobnosti jsou v přehledu aktualit níže.",
            "Aktualita „%(title)s“: nepodařilo se odeslat %(failing)s e-mailů z celkového počtu %(total)s. "
            "Odeslání se zkusí znovu; podrobnosti jsou v přehledu aktualit níže.",
            counts["failing"],
        ) % {"title": news.title, "failing": counts["failing"], "total": total})
    elif counts and not counts["waiting"]:
        messages.success(request, ngettext(
            "Aktualita „%(title)s“ byla odeslána %(count)s odběrateli.",
            "Aktualita „%(title)s“ byla odeslána %(count)s odběratelům.",
            counts["sent"],
        ) % {"title": news.title, "count": counts["sent"]})
    else:
        messages.info(request, job.message or _("Rozesílání odběratelům začalo."))


@area_permission_required("communication.view_subscribers")
def subscribers(request):
    area = request.area
    return render(request, "communication/staff/subscribers.html", {
        "counts": selectors.subscriber_counts(area=area),
        "breadcrumbs": staff_breadcrumbs(area, (_("Odběratelé aktualit"), None)),
    })


@area_permission_required("communication.change_plan")
def channel_list(request):
    area = request.area
    return render(request, "communication/staff/channel_list.html", {
        "channels": CommunicationChannel.objects.for_area(area),
        "breadcrumbs": staff_breadcrumbs(area, (_("Komunikační plán"), None)),
    })


@area_permission_required("communication.change_plan")
def channel_edit(request, pk=None):
    area = request.area
    channel = get_for_area_or_404(CommunicationChannel, area, pk=pk) if pk else CommunicationChannel(area=area)
    form = CommunicationChannelForm(request.POST or None, instance=channel)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and channel.pk:
            channel.delete()
            messages.success(request, _("Řádek komunikačního plánu byl odstraněn."))
            return redirect("communication:channels", area_slug=area.slug)
        if form.is_valid():
            form.save()
            messages.success(request, _("Komunikační plán je uložen."))
            return redirect("communication:channels", area_slug=area.slug)
    title = str(channel) if channel.pk else _("Nový řádek komunikačního plánu")
    return render(request, "communication/staff/channel_form.html", {
        "form": form,
        "channel": channel,
        "title": title,
        "breadcrumbs": staff_breadcrumbs(
            area, (_("Komunikační plán"), reverse("communication:channels", kwargs={"area_slug": area.slug})), (title, None)
        ),
    })
