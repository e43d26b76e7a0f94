"""Great Expectations projects: the context config, expectation suites and checkpoints."""
