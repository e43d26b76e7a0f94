"""Model cards: Hugging Face README front matter + sections, Model Card Toolkit JSON."""
