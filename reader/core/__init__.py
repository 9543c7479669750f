"""Pure-Python core of Parallel Reader: data, logic and files. Never imports Qt."""
