"""What a person sees in a terminal: findings with their fix and doc link, colour, progress."""
