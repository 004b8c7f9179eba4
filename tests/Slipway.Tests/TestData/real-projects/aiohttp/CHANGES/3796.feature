Add a debug argument to `web.run_app()` for enabling debug mode on loop.
