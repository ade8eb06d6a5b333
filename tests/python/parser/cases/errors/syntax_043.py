try
  pass