x = """multi
line with 'quotes' and "double" and \""" escaped"""