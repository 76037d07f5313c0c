// The conversation model: plain objects, never mutated, built from Rasa's socket.io events.
//   bot:  { from: "bot", text, buttons: [{ title, payload }], custom, at }
//   user: { from: "user", text, at }
// Rasa sends a message's text with its buttons (`quick_replies`, or `buttons`), and its
// `custom` object either inside the same event or as a separate `{ custom }` event just after.

const RATING_PAYLOAD = /^\/rate_conversation\{"rating":"[1-5]"\}$/;
const NO_BUTTONS = Object.freeze([]);

export function addBotEvent(messages, event, at) {
  if (!isObject(event)) return messages;
  const last = messages[messages.length - 1];
  if (Object.keys(event).length === 1 && isObject(event.custom) && last?.from === "bot" && !last.custom) {
    return [...messages.slice(0, -1), { ...last, custom: event.custom }];
  }
  const message = {
    from: "bot",
    text: typeof event.text === "string" ? event.text : "",
    buttons: buttonsOf(event),
    custom: isObject(event.custom) ? event.custom : null,
    at,
  };
  return message.text || message.buttons.length || message.custom ? [...messages, message] : messages;
}

export function userMessage(text, at) {
  return { from: "user", text, at };
}

// The buttons the user can choose from now: those of the last message, if it is the bot's.
export function pendingButtons(messages) {
  const last = messages[messages.length - 1];
  return last?.from === "bot" ? last.buttons : NO_BUTTONS;
}

export function isRatingQuestion(buttons) {
  return buttons.length > 0 && buttons.every((button) => RATING_PAYLOAD.test(button.payload));
}

export function ratingPayload(stars) {
  return `/rate_conversation{"rating":"${stars}"}`;
}

function buttonsOf(event) {
  const buttons = Array.isArray(event.quick_replies) ? event.quick_replies : Array.isArray(event.buttons) ? event.buttons : [];
  return buttons
    .filter((button) => isObject(button) && button.title !== undefined && button.payload !== undefined)
    .map((button) => ({ title: String(button.title), payload: String(button.payload) }));
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
