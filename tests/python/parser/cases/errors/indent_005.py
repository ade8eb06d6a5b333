if x:
        a
	b