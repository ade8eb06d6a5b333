x = """
multi
line
"""