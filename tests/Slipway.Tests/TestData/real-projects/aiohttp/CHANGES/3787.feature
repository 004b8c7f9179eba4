Added ability to use contextvars in logger
