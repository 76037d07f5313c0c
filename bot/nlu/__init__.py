"""IZIA's NLU components for Rasa's pipeline: thin adapters over izia.matcher and izia.intent_model."""
