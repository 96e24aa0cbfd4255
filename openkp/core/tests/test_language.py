def test_czech_by_default_even_for_an_english_browser(client, area):
    response = client.get("/mesto/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="cs"' in response.content.decode()
    assert response["Content-Language"] == "cs"


def test_unknown_language_cookie_falls_back_to_czech(client, area):
    client.cookies["django_language"] = "xx"
    assert '<html lang="cs"' in client.get("/mesto/").content.decode()
