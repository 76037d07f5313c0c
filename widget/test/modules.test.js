// The widget's pure modules under Node's own test runner (no browser, no server):
// `node --test widget/test/`, run by `make test` and `make test-fast`.
import assert from "node:assert/strict";
import { test } from "node:test";

import { readConfig } from "../src/config.js";
import { safeUrl } from "../src/dom.js";
import { addBotEvent, isRatingQuestion, pendingButtons, ratingPayload, userMessage } from "../src/messages.js";
import { ConversationStore } from "../src/store.js";
import { relativeTime } from "../src/time.js";

const QUESTION = { text: "Sur quel domaine porte la demande", quick_replies: [{ title: "EJ", payload: '/choose{"choice":"ej"}' }] };
const CUSTOM = { custom: { item_id: "poste_piece_non_reporte", domain: "messages_erreurs", node: "domaine" } };

test("a bot message keeps its text and its quick replies as buttons", () => {
  const [message] = addBotEvent([], QUESTION, 1);
  assert.equal(message.text, "Sur quel domaine porte la demande");
  assert.deepEqual(message.buttons, [{ title: "EJ", payload: '/choose{"choice":"ej"}' }]);
});

test("a custom event right after a message is attached to it", () => {
  const messages = addBotEvent(addBotEvent([], QUESTION, 1), CUSTOM, 2);
  assert.equal(messages.length, 1);
  assert.equal(messages[0].custom.node, "domaine");
});

test("events that are not objects, or carry nothing, add no message", () => {
  for (const event of [null, "texte", 3, [], {}]) assert.deepEqual(addBotEvent([], event, 1), []);
});

test("only the last message's buttons are pending, and only if it is the bot's", () => {
  const messages = addBotEvent([], QUESTION, 1);
  assert.equal(pendingButtons(messages).length, 1);
  assert.deepEqual(pendingButtons([...messages, userMessage("EJ", 2)]), []);
});

test("the stars are recognised as a rating question", () => {
  const stars = [1, 2, 3, 4, 5].map((n) => ({ title: "★".repeat(n), payload: ratingPayload(n) }));
  assert.ok(isRatingQuestion(stars));
  assert.ok(!isRatingQuestion(QUESTION.quick_replies));
});

test("links other than http(s) are refused", () => {
  assert.equal(safeUrl("javascript:alert(1)", "http://izia.test"), null);
  assert.equal(safeUrl("/webhooks/fsd/drafts/x.json", "http://izia.test"), "http://izia.test/webhooks/fsd/drafts/x.json");
});

test("the server defaults to the one the script comes from", () => {
  const config = readConfig(undefined, "http://izia.test:5005/webhooks/portail/widget/izia.js");
  assert.equal(config.serverUrl, "http://izia.test:5005");
  assert.equal(config.title, "IZIA");
});

test("a stored conversation that is not valid JSON starts afresh", () => {
  const storage = { getItem: () => "{pas du json", setItem() {} };
  assert.deepEqual(new ConversationStore("izia", storage).load(), { sessionId: null, messages: [] });
});

test("times are relative, in French", () => {
  assert.equal(relativeTime(0, 10_000), "il y a quelques secondes");
  assert.equal(relativeTime(0, 3 * 60_000), "il y a 3 minutes");
});
