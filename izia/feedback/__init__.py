"""Users' feedback on conversations (ratings, comments, thumbs-down), kept for support staff."""

from izia.feedback.store import Feedback, FeedbackStore

__all__ = ["Feedback", "FeedbackStore"]
