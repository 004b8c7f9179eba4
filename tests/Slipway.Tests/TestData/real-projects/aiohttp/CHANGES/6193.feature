Bump async-timeout to >=4.0
