"""Channels that put the answer service in front of people: web chat, Slack, Teams, and the feedback store."""
