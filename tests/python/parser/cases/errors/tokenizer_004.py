x = "abc
y