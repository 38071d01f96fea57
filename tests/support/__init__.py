"""Helpers shared by several test modules (servers started as real processes, server URLs)."""
