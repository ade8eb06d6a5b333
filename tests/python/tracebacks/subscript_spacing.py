rows = [[1, 2], [3, 4]]
cell = (rows) [ (1) ] [ 5 ]
