// Talks to Rasa's socket.io channel (events user_uttered / bot_uttered). Rasa keys the
// conversation on the session id confirmed by `session_confirm`, so asking for the same id
// after a reconnection or a page reload continues the same conversation.
import { io } from "../socket.io/socket.io.esm.min.js";

export class RasaSocket {
  constructor(serverUrl, { onSession, onBotEvent, onConnection }) {
    this.sessionId = null;
    this.confirmed = false; // the server has put this socket in the session's room
    this.queue = [];
    this.socket = io(serverUrl, { path: "/socket.io", autoConnect: false });
    this.socket.on("connect", () => {
      this.confirmed = false;
      onConnection(true);
      this.socket.emit("session_request", { session_id: this.sessionId });
    });
    this.socket.on("session_confirm", (reply) => {
      this.sessionId = typeof reply === "string" ? reply : reply?.session_id;
      this.confirmed = true;
      onSession(this.sessionId);
      this.queue.splice(0).forEach((data) => this.emit(data));
    });
    this.socket.on("bot_uttered", onBotEvent);
    this.socket.on("connect_error", () => onConnection(false));
    this.socket.on("disconnect", (reason) => reason === "io client disconnect" || onConnection(false));
  }

  start(sessionId) {
    this.sessionId = sessionId;
    this.socket.connect();
  }

  // Messages written before the session is confirmed wait for it.
  send(message, metadata) {
    const data = { message, metadata };
    if (this.socket.connected && this.confirmed) this.emit(data);
    else this.queue.push(data);
  }

  // A new Rasa conversation: a new socket session, and a new id from the server.
  restart() {
    this.sessionId = null;
    this.confirmed = false;
    this.queue = [];
    this.socket.disconnect().connect();
  }

  emit(data) {
    this.socket.emit("user_uttered", { ...data, session_id: this.sessionId });
  }
}
