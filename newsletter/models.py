"""Subscribers, editions and the sending pipeline arrive with the newsletter issue."""
