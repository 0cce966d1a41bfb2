"""Printable quick-reference cards: their data (data/cards.yaml), its checks, and the PDF writer."""
