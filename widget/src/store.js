// Keeps the conversation (Rasa session id and messages) across page reloads, in the tab's
// sessionStorage: a reload continues it, closing the tab forgets it (shared workstations).

const EMPTY = { sessionId: null, messages: [] };

export class ConversationStore {
  constructor(key, storage = window.sessionStorage) {
    this.key = key;
    this.storage = storage;
  }

  load() {
    try {
      const saved = JSON.parse(this.storage.getItem(this.key));
      return saved && Array.isArray(saved.messages) ? { sessionId: saved.sessionId || null, messages: saved.messages } : EMPTY;
    } catch {
      return EMPTY;
    }
  }

  save(conversation) {
    this.storage.setItem(this.key, JSON.stringify(conversation));
  }
}
