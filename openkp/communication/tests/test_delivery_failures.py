"""A news item whose e-mails fail says so where it was sent; a title that cannot be a subject is refused."""

import pytest
from django.core import mail

from openkp.communication.models import NewsItem
from openkp.communication.tests.factories import NewsItemFactory, confirmed_subscriber
from openkp.core.mail import queue_email
from openkp.core.models import OutgoingEmail
from openkp.structures.models import Group, PlanningPeriod


def _news_form(django_app, user, url="/mesto/sprava/aktuality/nova/"):
    page = django_app.get(url, user=user)
    form = page.forms["news-form"]
    form["perex"] = "Shrnutí."
    form["send_to_subscribers"] = True
    return form


@pytest.mark.parametrize("title", ["Pozvánka\nna setkání", "Pozvánka\r\nBcc: spam@example.org", "Tab\tv nadpisu", "Řádek\u2028dva"])
def test_a_title_with_a_line_break_or_control_character_is_refused(django_app, area, coordinator, title):
    form = _news_form(django_app, coordinator)
    form["title"] = title
    form["body"] = "Text, který se nesmí ztratit."
    page = form.submit(name="action", value="publish")
    assert page.status_code == 200
    assert "Nadpis musí být na jednom řádku, bez zalomení řádku a jiných řídicích znaků" in page.text
    assert page.forms["news-form"]["body"].value == "Text, který se nesmí ztratit."
    assert not NewsItem.objects.exists()


def test_an_ordinary_title_with_czech_typography_is_accepted(django_app, area, coordinator):
    form = _news_form(django_app, coordinator)
    form["title"] = "Setkání 12. 3. – „Senioři“ § 39"
    page = form.submit(name="action", value="publish").follow()
    assert "je zveřejněna" in page.text
    assert NewsItem.objects.get().title == "Setkání 12. 3. – „Senioři“ § 39"


def test_the_outbox_puts_any_subject_on_one_line(area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="a@example.cz", subject="Stará\r\naktualita\x00", body="Text", area=area)
    assert mail.outbox[0].subject == "Stará aktualita"
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


@pytest.fixture
def failing_mail_server(settings):
    settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT = "django.core.mail.backends.smtp.EmailBackend", "127.0.0.1", 1
    settings.EMAIL_TIMEOUT = 2


@pytest.mark.django_db(transaction=True)
def test_failed_emails_are_reported_after_sending_and_on_the_news_pages(django_app, area, coordinator, failing_mail_server):
    # A real commit: without a worker the outbox tries the e-mails before the page answers, as in production.
    for number in range(5):
        confirmed_subscriber(area, f"odberatel{number}@example.cz")
    form = _news_form(django_app, coordinator)
    form["title"] = "Nové služby"

    page = form.submit(name="action", value="publish").follow()

    assert "Aktualita „Nové služby“: nepodařilo se odeslat 5 e-mailů z celkového počtu 5." in page.text
    assert "se rozesílá" not in page.text
    row = page.html.find("a", string="Nové služby").find_parent("tr").text
    assert "Nepodařilo se odeslat 5 e-mailů s aktualitou z celkového počtu 5." in row
    news = NewsItem.objects.get()

    outbox = page.click("Zobrazit chyby v odchozích e-mailech")
    assert outbox.request.GET["zdroj"] == f"communication.news:{news.pk}"
    assert "Zobrazeny jsou jen e-maily jednoho rozeslání." in outbox.text
    rows = outbox.html.select("table tbody tr")
    assert len(rows) == 5 and all("Nové služby – Město Testov" in row.text for row in rows)

    detail = django_app.get(f"/mesto/sprava/aktuality/{news.pk}/")
    assert "Nepodařilo se odeslat 5 e-mailů s aktualitou z celkového počtu 5." in detail.text


@pytest.mark.django_db(transaction=True)
def test_a_successful_sending_says_it_was_sent(django_app, area, coordinator):
    confirmed_subscriber(area, "a@example.cz")
    confirmed_subscriber(area, "b@example.cz")
    form = _news_form(django_app, coordinator)
    form["title"] = "Nové služby"
    page = form.submit(name="action", value="publish").follow()
    assert "Aktualita „Nové služby“ byla odeslána 2 odběratelům." in page.text
    assert "nepodařilo" not in page.text
    assert len(mail.outbox) == 2


def test_failures_show_on_the_news_page_and_who_cannot_see_the_outbox_is_told_whom_to_ask(django_app, area, coordinator, manager_of):
    period = PlanningPeriod.objects.create(area=area, name="2025–2027", start_year=2025, end_year=2027)
    group = Group.objects.create(area=area, period=period, name="Senioři", slug="seniori")
    news = NewsItemFactory(area=area, group=group, slug="nove", send_to_subscribers=True)
    NewsItem.objects.filter(pk=news.pk).update(sending_started_at=news.published_at, sent_at=news.published_at)
    OutgoingEmail.objects.create(area=area, to="a@example.cz", subject="S", body="B", reference=news.email_reference,
                                 status=OutgoingEmail.Status.FAILED, attempts=5, last_error="Connection refused")
    OutgoingEmail.objects.create(area=area, to="b@example.cz", subject="S", body="B", reference=news.email_reference,
                                 status=OutgoingEmail.Status.SENT, attempts=1)
    page = django_app.get(f"/mesto/sprava/aktuality/{news.pk}/", user=coordinator)
    assert "Nepodařilo se odeslat 1 e-mail s aktualitou z celkového počtu 2." in page.text
    assert "Zobrazit chyby v odchozích e-mailech" in page.text

    manager = manager_of(group)  # the item is her group's
    page = django_app.get(f"/mesto/sprava/aktuality/{news.pk}/", user=manager)
    assert "Nepodařilo se odeslat 1 e-mail s aktualitou z celkového počtu 2." in page.text
    assert "Zobrazit chyby v odchozích e-mailech" not in page.text
    assert "obraťte se na koordinátora" in page.text


def test_staff_news_list_queries_do_not_grow_with_sent_items(django_app, area, coordinator, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            news = NewsItemFactory(area=area, send_to_subscribers=True)
            NewsItem.objects.filter(pk=news.pk).update(sending_started_at=news.published_at, sent_at=news.published_at)
            OutgoingEmail.objects.create(area=area, to="a@example.cz", subject="S", body="B", reference=news.email_reference,
                                         status=OutgoingEmail.Status.FAILED, attempts=5)

    add(2)
    django_app.get("/mesto/sprava/aktuality/", user=coordinator)  # session and permission caches warm
    with django_assert_max_num_queries(14) as few:
        django_app.get("/mesto/sprava/aktuality/", user=coordinator)
    add(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = django_app.get("/mesto/sprava/aktuality/", user=coordinator)
    assert page.text.count("Nepodařilo se odeslat 1 e-mail s aktualitou z celkového počtu 1.") == 8
