"""Version control: git invoked with the scanned repository's executable config neutralised."""
