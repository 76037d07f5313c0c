"""Rasa SDK adapters: thin translations between Rasa trackers and IZIA's pure logic."""
