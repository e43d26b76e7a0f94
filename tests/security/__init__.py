"""The trust boundary (#13): end-to-end tests through the real command line and Action entry."""
