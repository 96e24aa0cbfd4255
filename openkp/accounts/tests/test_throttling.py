from django.core import mail

from openkp.accounts.tests.factories import PASSWORD, UserFactory


def _ask_for_reset(django_app, email, ip="198.51.100.7"):
    page = django_app.get("/ucet/heslo/obnova/", extra_environ={"REMOTE_ADDR": ip})
    form = page.forms["password-reset"]
    form["email"] = email
    return form.submit(extra_environ={"REMOTE_ADDR": ip}, expect_errors=True)


def test_password_reset_sends_at_most_three_emails_to_one_address(django_app, coordinator):
    for attempt in range(5):
        response = _ask_for_reset(django_app, coordinator.email, ip=f"198.51.100.{attempt}")
        # Over the limit the page answers as for a sent link: it tells nobody whether the address has an account.
        assert response.status_code == 302
        assert response["Location"] == "/ucet/heslo/obnova/odeslano/"
    assert len(mail.outbox) == 3
    assert {message.to[0] for message in mail.outbox} == {coordinator.email}


def test_the_address_limit_ignores_letter_case(django_app, coordinator):
    for _ in range(3):
        _ask_for_reset(django_app, coordinator.email)
    _ask_for_reset(django_app, coordinator.email.upper())
    assert len(mail.outbox) == 3


def test_password_reset_requests_from_one_network_are_limited(django_app, coordinator):
    for attempt in range(10):
        assert _ask_for_reset(django_app, f"nekdo{attempt}@example.org").status_code == 302
    response = _ask_for_reset(django_app, coordinator.email)
    assert response.status_code == 429
    assert "Příliš mnoho žádostí o obnovu hesla z vaší sítě. Zkuste to prosím za hodinu." in response.text
    assert len(mail.outbox) == 0
    # Another network is served.
    assert _ask_for_reset(django_app, coordinator.email, ip="203.0.113.9").status_code == 302
    assert len(mail.outbox) == 1


def _log_in(client, username, password, ip):
    return client.post("/ucet/prihlaseni/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_password_spraying_locks_the_address(client, db):
    victims = [UserFactory(username=f"uzivatel{number}") for number in range(12)]
    spraying = "192.0.2.66"
    for victim in victims:  # two guesses per username: 24 failures, fewer than 10 for any one account
        for guess in ("Heslo123", "Jaro2026"):
            _log_in(client, victim.username, guess, spraying)
    response = _log_in(client, victims[0].username, PASSWORD, spraying)
    assert response.status_code == 429
    assert "Přihlášení je dočasně zablokováno" in response.content.decode()
    # The right password of an account never tried is refused from that address too.
    assert _log_in(client, UserFactory(username="jiny").username, PASSWORD, spraying).status_code == 429
    # Another address still logs in.
    assert _log_in(client, victims[0].username, PASSWORD, "203.0.113.5").status_code == 302


def test_fewer_failures_of_several_people_from_one_office_lock_nobody(client, db):
    people = [UserFactory(username=f"urednik{number}") for number in range(6)]
    office = "192.0.2.10"
    for person in people:
        for guess in ("preklep1", "preklep2", "preklep3"):
            _log_in(client, person.username, guess, office)
    assert _log_in(client, people[0].username, PASSWORD, office).status_code == 302


def test_logging_in_to_ones_own_account_does_not_reset_the_address_count(client, db):
    victims = [UserFactory(username=f"obet{number}") for number in range(10)]
    own = UserFactory(username="utocnik")
    spraying = "192.0.2.67"
    for victim in victims:
        _log_in(client, victim.username, "Heslo123", spraying)
    assert _log_in(client, own.username, PASSWORD, spraying).status_code == 302
    client.logout()
    for victim in victims:
        _log_in(client, victim.username, "Jaro2026", spraying)
    assert _log_in(client, victims[0].username, PASSWORD, spraying).status_code == 429
