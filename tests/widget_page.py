"""The IZIA widget on the demo portal page, as a user sees it and uses it in the browser."""

from __future__ import annotations

import json
from typing import Any, Dict, List

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT_S = 60
PORTAL_PATH = "/webhooks/portail/"
# What a keyboard user hears on the focused element: its label, text or accessible name.
DESCRIBE_FOCUS = """
const element = document.activeElement;
const label = element.labels && element.labels[0];
return (element.getAttribute("aria-label") || (label && label.textContent) || element.textContent || "").trim();
"""


class WidgetPage:
    def __init__(self, driver: WebDriver, server_url: str) -> None:
        self.driver = driver
        self.server_url = server_url
        self.url = server_url + PORTAL_PATH
        self.wait = WebDriverWait(driver, TIMEOUT_S, ignored_exceptions=[StaleElementReferenceException])

    def load(self) -> "WidgetPage":
        self.driver.get(self.url)
        self.wait.until(lambda _: self._all(".izia-launcher"))
        return self

    def open(self) -> "WidgetPage":
        self.launcher.click()
        self.wait.until(lambda _: self.panel.is_displayed())
        return self

    @property
    def launcher(self) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, ".izia-launcher")

    @property
    def panel(self) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, ".izia-panel")

    @property
    def input(self) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, ".izia-composer textarea")

    def bot_texts(self) -> List[str]:
        return self._texts(".izia-message--bot .izia-message__text")

    def user_texts(self) -> List[str]:
        return self._texts(".izia-message--user .izia-message__text")

    def bot_times(self) -> List[str]:
        return self._texts(".izia-message--bot time")

    def announced(self) -> str:
        return "".join(self._texts(".izia-panel [aria-live=polite]"))

    def wait_for_bot(self, seen: int, expected: str) -> List[str]:
        """Waits for a bot message, after the first ``seen`` ones, containing ``expected``; returns the new texts."""
        self.wait.until(
            lambda _: any(expected in text for text in self.bot_texts()[seen:]), f"IZIA n'a pas dit « {expected} »"
        )
        return self.bot_texts()[seen:]

    def wait_for_suggestions(self, titles: List[str]) -> None:
        self.wait.until(lambda _: self.suggestions() == titles, f"suggestions attendues : {titles}")

    def wait_for_suggestion(self, title: str) -> None:
        self.wait.until(lambda _: title in self.suggestions(), f"suggestion attendue : {title}")

    def suggestions(self) -> List[str]:
        return self._texts(".izia-suggestions .fr-tag")

    def suggestions_header(self) -> str:
        return " ".join("".join(self._texts(".izia-suggestions__title")).split())

    def choose(self, title: str) -> None:
        self.wait.until(lambda _: self._click(".izia-suggestions .fr-tag", title), f"pas de suggestion « {title} »")

    def paste(self, text: str) -> None:
        """Inserts ``text`` in the text area as a paste does (new lines included, no key press)."""
        self.input.click()
        self.driver.execute_script("document.execCommand('insertText', false, arguments[0])", text)

    def send(self) -> None:
        self.driver.find_element(By.CSS_SELECTOR, ".izia-composer button[type=submit]").click()

    def focused(self) -> str:
        return self.driver.execute_script(DESCRIBE_FOCUS)

    def stored(self) -> Dict[str, Any]:
        """The conversation the widget keeps in the tab's sessionStorage."""
        stored = self.driver.execute_script("return sessionStorage.getItem(arguments[0])", f"izia:{self.server_url}")
        return json.loads(stored)

    def _all(self, selector: str) -> List[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def _texts(self, selector: str) -> List[str]:
        """Read in one go, while the widget may be replacing the elements."""
        return self.driver.execute_script(
            "return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent)", selector
        )

    def _click(self, selector: str, text: str) -> bool:
        matching = [element for element in self._all(selector) if element.get_attribute("textContent") == text]
        if matching:
            matching[0].click()
        return bool(matching)
