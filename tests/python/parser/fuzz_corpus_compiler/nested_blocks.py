while 1:
 for x in y:
  with a as b:
   while 1:
    for x in y:
     with a as b:
      while 1:
       for x in y:
        with a as b:
         while 1:
          for x in y:
           with a as b:
            while 1:
             for x in y:
              with a as b:
               while 1:
                for x in y:
                 with a as b:
                  while 1:
                   for x in y:
                    with a as b:
                     while 1:
                      break
