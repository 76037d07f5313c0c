"""IZIA: the pure logic of the Chorus support assistant (no Rasa import here)."""
