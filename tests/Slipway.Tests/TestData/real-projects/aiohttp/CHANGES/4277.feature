Added ``set_cookie`` and ``del_cookie`` methods to ``HTTPException``
