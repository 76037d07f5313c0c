// The chat widget: keeps the conversation, shows it, and sends what the user writes or chooses.
import { h } from "./dom.js";
import { addBotEvent, isRatingQuestion, pendingButtons, ratingPayload, userMessage } from "./messages.js";
import { ConversationStore } from "./store.js";
import { RasaSocket } from "./transport.js";
import { messageElement, refreshTimes } from "./view/message.js";
import { buildPanel } from "./view/panel.js";
import { ratingForm } from "./view/rating.js";
import { suggestionsElement } from "./view/suggestions.js";

const GREETING_PAYLOAD = "/accueil"; // opens a conversation: the greeting and the domains
const TIME_REFRESH_MS = 30_000;
const TYPING_TIMEOUT_MS = 20_000;

export class IziaWidget {
  constructor(config) {
    this.config = config;
    this.store = new ConversationStore(`izia:${config.serverUrl}`);
    this.conversation = this.store.load();
    this.shown = []; // the messages currently in the list, in order
    this.greeting = false; // /accueil sent, greeting not received yet
    this.focusChoices = false; // after a click on a choice, focus goes to the next choices
    this.choicesFor = null; // the buttons the suggestions or rating form on screen were made for
    this.view = buildPanel(config.title, {
      onToggle: () => (this.view.panel.hidden ? this.open() : this.close()),
      onClose: () => this.close(),
      onRestart: () => this.restart(),
      onSend: (text) => {
        this.focusChoices = false;
        this.say(text, text);
      },
    });
    this.socket = new RasaSocket(config.serverUrl, {
      onSession: (sessionId) => this.update({ ...this.conversation, sessionId }),
      onBotEvent: (event) => this.botSaid(event),
      onConnection: (connected) => {
        this.view.status.hidden = connected;
      },
    });
  }

  mount(parent) {
    parent.append(this.view.root);
    this.render();
    this.socket.start(this.conversation.sessionId);
    setInterval(() => refreshTimes(this.view.messages), TIME_REFRESH_MS);
  }

  open() {
    this.view.panel.hidden = false;
    this.view.launcher.setAttribute("aria-expanded", "true");
    this.view.input.focus();
    refreshTimes(this.view.messages);
    this.scrollToLatest();
    if (!this.conversation.messages.length && !this.greeting) {
      this.greeting = true;
      this.send(GREETING_PAYLOAD);
    }
  }

  close() {
    this.view.panel.hidden = true;
    this.view.launcher.setAttribute("aria-expanded", "false");
    this.view.launcher.focus();
  }

  restart() {
    this.greeting = false;
    this.view.announcer.replaceChildren();
    this.update({ sessionId: null, messages: [] });
    this.socket.restart();
    this.open();
  }

  botSaid(event) {
    const before = this.conversation.messages;
    const messages = addBotEvent(before, event, Date.now());
    if (messages === before) return;
    this.greeting = false;
    this.view.typing.hidden = true;
    const last = messages[messages.length - 1];
    if (messages.length > before.length) this.announce(last);
    this.update({ ...this.conversation, messages });
  }

  // Shows `text` as the user's message and sends `payload` to the bot.
  say(text, payload, metadata = {}) {
    this.view.announcer.replaceChildren();
    this.update({ ...this.conversation, messages: [...this.conversation.messages, userMessage(text, Date.now())] });
    this.send(payload, metadata);
    this.view.typing.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => (this.view.typing.hidden = true), TYPING_TIMEOUT_MS);
  }

  send(message, metadata = {}) {
    this.socket.send(message, { ministry: this.config.ministryCode, ...metadata });
  }

  choose(button) {
    this.view.input.focus(); // the clicked button is about to disappear
    this.focusChoices = true;
    this.say(button.title, button.payload);
  }

  // The bot does not read comments yet: the comment travels with the rating, in the message's
  // metadata (`rating_comment`), which the tracker store keeps for the feedback storage to come.
  // Sent as a message of its own, it would get an unrelated answer from the NLU.
  rate(stars, comment) {
    this.view.input.focus();
    const note = stars === 1 ? "Ma note : 1 étoile sur 5" : `Ma note : ${stars} étoiles sur 5`;
    this.say(comment ? `${note}\nCommentaire : ${comment}` : note, ratingPayload(stars), comment ? { rating_comment: comment } : {});
  }

  update(conversation) {
    this.conversation = conversation;
    this.store.save(conversation);
    this.render();
  }

  render() {
    const { messages } = this.conversation;
    const list = this.view.messages;
    messages.forEach((message, index) => {
      if (this.shown[index] === message) return;
      const element = messageElement(message, this.config.serverUrl);
      if (list.children[index]) list.children[index].replaceWith(element);
      else list.append(element);
    });
    while (list.children.length > messages.length) list.lastElementChild.remove();
    this.shown = [...messages];
    this.renderChoices();
    this.scrollToLatest();
  }

  // The suggestions, or the rating form, of the bot's last message; kept as they are when only
  // the message's custom object arrived (same buttons), so a choice or a note in progress stays.
  renderChoices() {
    const buttons = pendingButtons(this.conversation.messages);
    if (buttons === this.choicesFor) return;
    this.choicesFor = buttons;
    const choices = isRatingQuestion(buttons)
      ? ratingForm((stars, comment) => this.rate(stars, comment))
      : buttons.length && suggestionsElement(buttons, (button) => this.choose(button));
    this.view.actions.replaceChildren(...(choices ? [choices] : []));
    const userMovedOn = document.activeElement !== this.view.input || this.view.input.value;
    if (choices && this.focusChoices && !userMovedOn) {
      this.focusChoices = false;
      choices.querySelector("button, input").focus();
    }
  }

  announce(message) {
    if (!message.text) return;
    const count = message.buttons.length;
    const choices = isRatingQuestion(message.buttons) ? " Notez de 1 à 5 étoiles." : count ? ` ${count} suggestions.` : "";
    this.view.announcer.append(h("p", {}, `IZIA : ${message.text}${choices}`));
  }

  // Shows the start of the bot's latest reply (the greeting above its 13 suggestions), or the end.
  scrollToLatest() {
    const { messages } = this.conversation;
    const lastUserIndex = messages.map((message) => message.from).lastIndexOf("user");
    const replyStart = this.view.messages.children[lastUserIndex + 1];
    const log = this.view.log;
    log.scrollTop = replyStart ? replyStart.offsetTop - parseFloat(getComputedStyle(log).paddingTop) : log.scrollHeight;
  }
}
