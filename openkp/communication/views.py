"""Public pages: news, the Atom feed's companion list, subscription with double opt-in, the communication plan."""


from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from openkp.core import ratelimit
from openkp.core.breadcrumbs import area_breadcrumbs

from . import selectors, services
from .forms import SubscribeForm
from .models import Subscriber

NEWS_PER_PAGE = 10
# Subscriptions from one IP address per hour; the address is only hashed into a cache key, never stored.
SUBSCRIBE_LIMIT = 5
SUBSCRIBE_WINDOW = 60 * 60


def _can_manage(request):
    return request.user.is_authenticated and request.user.has_perm("communication.manage_news", request.area)


def _news_breadcrumb(area):
    return (_("Aktuality"), reverse("communication:news_list", kwargs={"area_slug": area.slug}))


def news_list(request, form=None, status=200):
    area = request.area
    can_manage = _can_manage(request)
    news = selectors.visible_news(area=area, include_drafts=can_manage)
    return render(request, "communication/news_list.html", {
        "page_obj": Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("strana")),
        "form": form or SubscribeForm(),
        "can_manage": can_manage,
        "breadcrumbs": area_breadcrumbs(area, (_("Aktuality"), None)),
    }, status=status)


def news_detail(request, slug):
    area = request.area
    can_manage = _can_manage(request)
    news = selectors.visible_news(area=area, include_drafts=can_manage).filter(slug=slug).first()
    if news is None:
        raise Http404(_("Taková aktualita v tomto území není."))
    return render(request, "communication/news_detail.html", {
        "news": news,
        "can_manage": can_manage,
        "can_change": can_manage and request.user.has_perm("communication.change_news", news),
        "breadcrumbs": area_breadcrumbs(area, _news_breadcrumb(area), (news.title, None)),
    })


def _rate_limited(request):
    return ratelimit.exceeded(request, f"communication:subscribe:{request.area.pk}", limit=SUBSCRIBE_LIMIT, window=SUBSCRIBE_WINDOW)


@require_POST
def subscribe(request):
    area = request.area
    form = SubscribeForm(request.POST)
    if form.is_robot:  # a robot filled in the hidden field: look successful, do nothing
        messages.success(request, _("Děkujeme. Zkontrolujte prosím svou e-mailovou schránku."))
        return _back_to_message(area)
    if not form.is_valid():
        return news_list(request, form=form)
    if _rate_limited(request):
        form.add_error(None, _("Z vaší sítě přišlo v poslední hodině příliš mnoho přihlášek k odběru. Zkuste to prosím později."))
        return news_list(request, form=form, status=429)
    email = form.cleaned_data["email"]
    services.subscribe(area=area, email=email, base_url=request.build_absolute_uri("/"))
    messages.success(request, _(
        "Děkujeme. Na adresu %(email)s jsme poslali e-mail. Odběr začne, až v něm kliknete na odkaz pro potvrzení. "
        "Pokud už odběr máte potvrzený, dostanete jen připomenutí a nic dalšího dělat nemusíte."
    ) % {"email": email})
    return _back_to_message(area)


def _back_to_message(area):
    # The form posts to …#odber; a redirect without a fragment would keep it and hide the message at the top.
    return redirect(reverse("communication:news_list", kwargs={"area_slug": area.slug}) + "#messages")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link from the confirmation e-mail: a page with one button (mail scanners that open links confirm nothing)."""
    area = request.area
    subscriber = services.subscriber_by_confirmation_token(area=area, token=token)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        services.confirm(subscriber=subscriber)
        messages.success(request, _("Odběr aktualit je potvrzený. Děkujeme!"))
        return redirect(request.path)
    return render(request, "communication/subscription.html", {
        "subscriber": subscriber,
        "action": "confirm",
        "breadcrumbs": area_breadcrumbs(area, _news_breadcrumb(area), (_("Potvrzení odběru"), None)),
    })


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail clients POST without a CSRF token; the secret link is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    area = request.area
    subscriber = Subscriber.objects.for_area(area).by_unsubscribe_token(token).first()
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        services.unsubscribe(subscriber=subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return render(request, "communication/unsubscribed.txt", {}, content_type="text/plain; charset=utf-8")
    return render(request, "communication/subscription.html", {
        "subscriber": subscriber,
        "action": "unsubscribe",
        "breadcrumbs": area_breadcrumbs(area, _news_breadcrumb(area), (_("Zrušení odběru"), None)),
    })


def _invalid_link(request):
    area = request.area
    return render(request, "communication/invalid_link.html", {
        "valid_days": services.CONFIRMATION_VALID_DAYS,
        "breadcrumbs": area_breadcrumbs(area, _news_breadcrumb(area), (_("Neplatný odkaz"), None)),
    }, status=404)


def communication_plan(request):
    area = request.area
    return render(request, "communication/plan.html", {
        "groups": selectors.communication_plan(area=area),
        "latest": list(selectors.published_news(area=area)[:3]),
        "can_change": request.user.is_authenticated and request.user.has_perm("communication.change_plan", area),
        "breadcrumbs": area_breadcrumbs(area, (_("Jak informujeme"), None)),
    })

