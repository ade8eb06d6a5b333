def f():
    résultat = {"ключ": 1}
    return résultat["ключ"] + résultat["нет"]


text = "日本語テキスト"; n = f() ; z = 1
