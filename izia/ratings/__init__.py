"""Users' feedback on conversations (ratings, comments, thumbs-down), kept for support staff."""

from izia.ratings.store import Feedback, FeedbackStore

__all__ = ["Feedback", "FeedbackStore"]
