if x:
  @foo