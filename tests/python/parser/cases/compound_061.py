if x:
	pass