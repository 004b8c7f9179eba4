A warning was added, when a cookie's length exceeds the :rfc:`6265` minimum client support -- :user:`anesabml`.
