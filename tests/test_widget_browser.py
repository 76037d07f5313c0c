"""The chat widget and rasa-webchat, in Debian's Chromium, against the real Rasa and action servers.

The servers run with ``bot/credentials.yml``, which must open the ``portail`` channel (widget
and demo pages) and IZIA's socket.io channel.
"""

from __future__ import annotations

import http.client
import random
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from chromium import chromium
from izia.paths import BOT_DIR, REPO_ROOT
from izia.server import Servers
from rasa_http import api
from seed_conversation import ASSOCIATED, CLOSING, DOMAINS, GREETING, pasted_message
from widget_page import TIMEOUT_S, WidgetPage

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CREDENTIALS = BOT_DIR / "credentials.yml"
REQUIRED_CHANNELS = ["bot.channels.widget_files.WidgetInput", "bot.channels.socketio_channel.IziaSocketIOInput"]
RATING_QUESTION = "Comment évaluez-vous cette conversation ?"
RATING_THANKS = "Merci pour votre avis"
XSS = '<img src=x onerror="window.iziaXss = true">'


def long_pasted_error(seed: int) -> str:
    """The seed's error message as an agent copies it from Chorus: several lines."""
    return f"{pasted_message(random.Random(seed))}\nMessage no. F5702\n\nDiagnostic : voir le poste de pièce dans la transaction FB03"


@pytest.fixture(scope="module", autouse=True)
def widget_servers(servers: Servers) -> Servers:
    """The shared servers, once checked to serve the widget and its socket.io channel."""
    assert (REPO_ROOT / "widget" / "node_modules" / "@gouvfr" / "dsfr").is_dir(), (
        "widget/node_modules absent : `cd widget && npm ci` (fait par `make setup`)"
    )
    missing = [channel for channel in REQUIRED_CHANNELS if channel not in CREDENTIALS.read_text(encoding="utf-8")]
    assert not missing, f"{CREDENTIALS} n'ouvre pas les canaux {missing}"
    return servers


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    driver = chromium(tmp_path / "profile")
    yield driver
    driver.quit()


@pytest.fixture
def page(browser: WebDriver, servers: Servers) -> Iterator[WidgetPage]:
    """The demo portal page; the test fails on any error in the browser's console."""
    yield WidgetPage(browser, servers.url).load()
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors


def tracker(servers: Servers, sender: str) -> Dict[str, Any]:
    return api(servers, f"/conversations/{sender}/tracker")


def user_events(servers: Servers, sender: str) -> List[Dict[str, Any]]:
    return [event for event in tracker(servers, sender)["events"] if event["event"] == "user"]


@pytest.mark.parametrize(
    "path, status, content_type",
    [
        ("/webhooks/portail/", 200, "text/html; charset=utf-8"),
        ("/webhooks/portail/rasa-webchat.html", 200, "text/html; charset=utf-8"),
        ("/webhooks/portail/widget/izia.js", 200, "text/javascript; charset=utf-8"),
        ("/webhooks/portail/widget/izia.css", 200, "text/css; charset=utf-8"),
        ("/webhooks/portail/dsfr/fonts/Marianne-Regular.woff2", 200, "font/woff2"),
        ("/webhooks/portail/dsfr/icons/system/close-line.svg", 200, "image/svg+xml"),
        ("/webhooks/portail/socket.io/socket.io.esm.min.js", 200, "text/javascript; charset=utf-8"),
        ("/webhooks/portail/rasa-webchat/index.js", 200, "text/javascript; charset=utf-8"),
        ("/webhooks/portail/widget/../../../bot/credentials.yml", 404, None),
        ("/webhooks/portail/widget/%2e%2e/%2e%2e/pyproject.toml", 404, None),
        ("/webhooks/portail/dsfr/..%2f..%2f..%2f..%2f..%2fsrc%2fizia.js", 404, None),
        ("/webhooks/portail/socket.io/../package.json", 404, None),
        ("/webhooks/portail/widget/", 404, None),
    ],
)
def test_the_portail_channel_serves_its_files_and_nothing_else(
    servers: Servers, path: str, status: int, content_type: str
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", servers.rasa_port, timeout=30)
    connection.request("GET", path)  # sent as written: no client-side normalisation of ".."
    reply = connection.getresponse()
    assert (reply.status, reply.getheader("Content-Type") if status == 200 else None) == (status, content_type)
    assert reply.getheader("X-Content-Type-Options") == "nosniff"
    connection.close()


def test_seed_conversation_rating_and_history_across_a_reload(
    page: WidgetPage, servers: Servers, tmp_path: Path
) -> None:
    page.open()
    assert page.focused() == "Votre message à IZIA"
    greeting = page.wait_for_bot(0, GREETING)
    assert greeting == [GREETING]
    page.wait_for_suggestions(DOMAINS)
    assert page.suggestions_header() == "Suggestions 13"
    assert page.bot_times() == ["il y a quelques secondes"]
    assert GREETING in page.announced()
    screenshot = tmp_path / "widget.png"  # a temporary folder: docs/widget.png is curated by hand
    page.driver.save_screenshot(str(screenshot))
    assert screenshot.read_bytes().startswith(b"\x89PNG")

    page.choose("Messages d'erreurs")
    assert page.wait_for_bot(1, "Merci de procéder") == [
        "Quel est le message d'erreur rencontré ?",
        "Merci de procéder à un copier coller du message d'erreur de manière unitaire.",
    ]
    page.wait_for_suggestions(["Je n'ai plus aucune question, merci!"])

    error_message = long_pasted_error(1)
    page.paste(error_message)
    assert page.input.get_attribute("value") == error_message
    page.send()
    page.wait_for_bot(3, "Sur quel domaine porte la demande")
    page.wait_for_suggestions(["DP", "GDA", "EJ", "TFG", "Rapprochement"])
    assert page.user_texts()[-1] == error_message

    page.choose("EJ")
    assert page.wait_for_bot(4, ASSOCIATED) == [ASSOCIATED]
    page.wait_for_suggestions(["Non", "Oui"])
    page.choose("Oui")
    page.wait_for_bot(5, "Lequel de ces messages voyez-vous ?")
    page.choose("Plusieurs de ces messages")
    answer = page.wait_for_bot(6, CLOSING)
    assert any("imputation" in text for text in answer[:-1]) and answer[-1] == CLOSING
    page.wait_for_suggestion("Noter cette conversation")

    seen = len(page.bot_texts())
    page.choose("Noter cette conversation")
    page.wait_for_bot(seen, RATING_QUESTION)
    page.wait.until(lambda _: page.driver.find_elements(By.CSS_SELECTOR, ".izia-rating"))
    assert page.suggestions() == []
    page.driver.find_element(By.CSS_SELECTOR, "label[for=izia-star-4]").click()
    page.driver.find_element(By.ID, "izia-rating-comment").send_keys("Réponse claire, merci.")
    page.driver.find_element(By.CSS_SELECTOR, ".izia-rating button[type=submit]").click()
    page.wait_for_bot(seen + 1, RATING_THANKS)
    assert page.user_texts()[-1] == "Ma note : 4 étoiles sur 5\nCommentaire : Réponse claire, merci."
    assert page.driver.find_elements(By.CSS_SELECTOR, ".izia-rating") == []

    sender = page.stored()["sessionId"]
    page.wait.until(lambda _: user_events(servers, sender)[-1]["text"] == '/rate_conversation{"rating":"4"}')
    metadata = user_events(servers, sender)[-1]["metadata"]
    assert (metadata["ministry"], metadata["rating_comment"]) == ("DEMO", "Réponse claire, merci.")

    bot_before, user_before = page.bot_texts(), page.user_texts()
    page.driver.execute_script(
        "const key = arguments[0], saved = JSON.parse(sessionStorage.getItem(key));"
        "saved.messages[0].at = Date.now() - 3 * 60 * 1000;"
        "sessionStorage.setItem(key, JSON.stringify(saved));",
        f"izia:{servers.url}",
    )
    page.load().open()
    assert page.bot_texts() == bot_before and page.user_texts() == user_before
    assert page.bot_times()[0] == "il y a 3 minutes"
    assert page.suggestions() == []
    page.input.send_keys("bonjour", Keys.ENTER)
    page.wait.until(lambda _: user_events(servers, sender)[-1]["text"] == "bonjour")
    assert page.stored()["sessionId"] == sender


def test_nouvelle_conversation_starts_a_new_rasa_conversation(page: WidgetPage, servers: Servers) -> None:
    page.open()
    page.wait_for_suggestions(DOMAINS)
    page.choose("Connexion")
    page.wait.until(lambda _: len(page.bot_texts()) > 1)
    first_sender = page.stored()["sessionId"]

    page.driver.find_element(By.XPATH, "//button[normalize-space()='Nouvelle conversation']").click()
    page.wait.until(lambda _: page.user_texts() == [] and page.bot_texts() == [GREETING])
    page.wait_for_suggestions(DOMAINS)
    second_sender = page.stored()["sessionId"]
    assert second_sender not in (None, first_sender)
    page.wait.until(lambda _: [event["text"] for event in user_events(servers, second_sender)] == ["/accueil"])


def test_nothing_written_by_the_user_or_the_bot_is_interpreted_as_html(page: WidgetPage) -> None:
    page.open()
    page.wait_for_suggestions(DOMAINS)
    page.input.send_keys(XSS, Keys.ENTER)
    page.wait.until(lambda _: len(page.bot_texts()) > 1)
    assert page.user_texts() == [XSS]

    rendered = page.driver.execute_async_script(
        """
        const [base, payload, done] = arguments;
        Promise.all([import(base + "messages.js"), import(base + "view/message.js"), import(base + "view/suggestions.js")]).then(
          ([model, message, suggestions]) => {
            const [bot] = model.addBotEvent([], { text: payload, quick_replies: [{ title: payload, payload: "/x" }] }, Date.now());
            const added = [message.messageElement(bot, location.origin), suggestions.suggestionsElement(bot.buttons, () => {})];
            document.querySelector(".izia-widget").append(...added);
            done(added.map((element) => element.textContent).join());
          });
        """,
        f"{page.server_url}/webhooks/portail/widget/",
        XSS,
    )
    assert rendered.count(XSS) == 2
    for _ in ("before", "after a reload"):
        assert page.driver.find_elements(By.CSS_SELECTOR, ".izia-widget img") == []
        assert page.driver.execute_script("return window.iziaXss") is None
        page.load().open()
        assert page.user_texts() == [XSS]


def test_the_fsd_draft_is_shown_with_its_download_links(page: WidgetPage) -> None:
    page.open()
    page.wait_for_suggestions(DOMAINS)
    links = page.driver.execute_async_script(
        """
        const [base, done] = arguments;
        Promise.all([import(base + "messages.js"), import(base + "view/message.js")]).then(([model, view]) => {
          const fsd = { id: "fsd-7f3a", links: { json: "/webhooks/fsd/drafts/fsd-7f3a.json", xlsx: null, ca: "javascript:alert(1)" } };
          const both = { id: "fsd-9b1c", links: { json: "http://izia.test/d.json", xlsx: "http://izia.test/d.xlsx", ca: "http://izia.test/d/ca.docx" } };
          // socket.io: the text, then a separate event with its custom object; REST: both in one message.
          const separate = model.addBotEvent(model.addBotEvent([], { text: "Votre brouillon de FSD est prêt." }, Date.now()), { custom: { fsd } }, Date.now());
          const inside = model.addBotEvent([], { text: "Le voici.", buttons: [], custom: { fsd: both } }, Date.now());
          const list = document.querySelector(".izia-messages");
          list.append(...[...separate, ...inside].map((message) => view.messageElement(message, location.origin)));
          done([separate.length, [...list.querySelectorAll(".izia-fsd")].map((card) => [
            card.querySelector(".izia-fsd__title").textContent,
            [...card.querySelectorAll("a")].map((link) => [link.textContent, link.href]),
          ])]);
        });
        """,
        f"{page.server_url}/webhooks/portail/widget/",
    )
    assert links == [
        1,
        [
            [
                "Brouillon de Fiche Service Desk n° fsd-7f3a",
                [["Brouillon complet JSON", f"{page.server_url}/webhooks/fsd/drafts/fsd-7f3a.json"]],
            ],
            [
                "Brouillon de Fiche Service Desk n° fsd-9b1c",
                [
                    ["Brouillon complet JSON", "http://izia.test/d.json"],
                    ["Liste des pièces Excel", "http://izia.test/d.xlsx"],
                    ["Certificat administratif à signer Word", "http://izia.test/d/ca.docx"],
                ],
            ],
        ],
    ]


def test_relative_french_timestamps(page: WidgetPage) -> None:
    times = page.driver.execute_async_script(
        """
        const [base, done] = arguments;
        import(base + "time.js").then(({ relativeTime }) => {
          const now = Date.now();
          done([5, 59, 60, 180, 3600, 7200, 172800].map((seconds) => relativeTime(now - seconds * 1000, now)));
        });
        """,
        f"{page.server_url}/webhooks/portail/widget/",
    )
    assert times == [
        "il y a quelques secondes",
        "il y a quelques secondes",
        "il y a 1 minute",
        "il y a 3 minutes",
        "il y a 1 heure",
        "il y a 2 heures",
        "il y a 2 jours",
    ]


def press(page: WidgetPage, *keys: str) -> None:
    for key in keys:
        page.driver.switch_to.active_element.send_keys(key)


def shift_tab(page: WidgetPage, times: int = 1) -> None:
    for _ in range(times):
        ActionChains(page.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()


def focus_is_visible(page: WidgetPage, selector: str) -> bool:
    style = page.driver.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0])).outlineStyle", selector
    )
    return style not in ("none", "")


def test_keyboard_only(page: WidgetPage) -> None:
    for _ in range(20):
        if page.focused() == "Discuter avec IZIA":
            break
        press(page, Keys.TAB)
    assert page.focused() == "Discuter avec IZIA"
    press(page, Keys.ENTER)
    assert page.launcher.get_attribute("aria-expanded") == "true"
    assert page.focused() == "Votre message à IZIA"
    page.wait_for_suggestions(DOMAINS)

    order = [page.focused()]
    while order[-1] != "Discuter avec IZIA" and len(order) < 30:
        shift_tab(page)
        order.append(page.focused())
    assert order[::-1] == [
        "Discuter avec IZIA",
        "Nouvelle conversation",
        "Fermer la fenêtre de discussion",
        "Conversation",
        *DOMAINS,
        "Votre message à IZIA",
    ]

    press(page, Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB)
    assert page.focused() == "Messages d'erreurs"
    assert focus_is_visible(page, ".izia-suggestions .fr-tag:focus")
    press(page, Keys.ENTER)
    page.wait_for_suggestions(["Je n'ai plus aucune question, merci!"])
    page.wait.until(lambda _: page.focused() == "Je n'ai plus aucune question, merci!")

    press(page, Keys.TAB)
    assert page.focused() == "Votre message à IZIA"
    press(page, pasted_message(random.Random(2)), Keys.SHIFT + Keys.ENTER, "Message no. F5702", Keys.ENTER)
    page.wait_for_suggestions(["DP", "GDA", "EJ", "TFG", "Rapprochement"])
    assert "\nMessage no. F5702" in page.user_texts()[-1]
    assert page.focused() == "Votre message à IZIA"
    shift_tab(page, 3)
    assert page.focused() == "EJ"
    press(page, Keys.ENTER)
    page.wait_for_suggestions(["Non", "Oui"])
    page.wait.until(lambda _: page.focused() == "Non")
    press(page, Keys.ENTER)
    page.wait_for_suggestion("Noter cette conversation")
    page.wait.until(lambda _: page.focused() == "Noter cette conversation")

    press(page, Keys.ENTER)
    page.wait.until(lambda _: page.focused() == "1 étoile sur 5")
    assert focus_is_visible(page, "label[for=izia-star-1]")
    press(page, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    assert page.focused() == "4 étoiles sur 5"
    press(page, Keys.TAB)
    assert page.focused() == "Votre commentaire (facultatif)"
    press(page, "Très clair", Keys.TAB)
    assert page.focused() == "Envoyer mon avis"
    seen = len(page.bot_texts())
    press(page, Keys.ENTER)
    page.wait_for_bot(seen, RATING_THANKS)
    assert page.user_texts()[-1] == "Ma note : 4 étoiles sur 5\nCommentaire : Très clair"

    press(page, Keys.ESCAPE)
    WebDriverWait(page.driver, TIMEOUT_S).until(lambda _: not page.panel.is_displayed())
    assert page.focused() == "Discuter avec IZIA"
    assert page.launcher.get_attribute("aria-expanded") == "false"


def test_rasa_webchat_completes_the_seed_conversation(browser: WebDriver, servers: Servers) -> None:
    browser.get(f"{servers.url}/webhooks/portail/rasa-webchat.html")
    wait = WebDriverWait(browser, TIMEOUT_S)
    wait.until(lambda _: browser.find_elements(By.CSS_SELECTOR, ".rw-launcher"))[0].click()

    def texts() -> List[str]:
        return [
            element.get_attribute("textContent")
            for element in browser.find_elements(By.CSS_SELECTOR, ".rw-response .rw-message-text")
        ]

    def replies() -> List[str]:
        return [element.get_attribute("textContent") for element in browser.find_elements(By.CSS_SELECTOR, ".rw-reply")]

    def click_reply(title: str) -> None:
        next(
            element
            for element in browser.find_elements(By.CSS_SELECTOR, ".rw-reply")
            if element.get_attribute("textContent") == title
        ).click()

    wait.until(lambda _: replies() == DOMAINS, "rasa-webchat n'affiche pas les 13 domaines")
    assert texts() == [GREETING]

    click_reply("Messages d'erreurs")
    wait.until(lambda _: replies() == ["Je n'ai plus aucune question, merci!"])
    assert texts()[1:] == [
        "Quel est le message d'erreur rencontré ?",
        "Merci de procéder à un copier coller du message d'erreur de manière unitaire.",
    ]
    browser.find_element(By.CSS_SELECTOR, ".rw-new-message").send_keys(pasted_message(random.Random(3)))
    browser.find_element(By.CSS_SELECTOR, ".rw-send").click()
    wait.until(lambda _: replies() == ["DP", "GDA", "EJ", "TFG", "Rapprochement"])
    assert texts()[-1] == "Sur quel domaine porte la demande"
    click_reply("EJ")
    wait.until(lambda _: replies() == ["Non", "Oui"])
    click_reply("Oui")
    wait.until(lambda _: "Plusieurs de ces messages" in replies())
    click_reply("Plusieurs de ces messages")
    wait.until(lambda _: "Noter cette conversation" in replies())
    assert "imputation" in texts()[-2] and texts()[-1] == CLOSING
