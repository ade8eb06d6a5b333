x = a \
  .b