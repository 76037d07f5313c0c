"""Input channels: the chat (REST, socket.io) and the files served beside it (FSD drafts, widget)."""
