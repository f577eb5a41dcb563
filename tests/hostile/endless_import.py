# track: numpy
# expect: time limit
"""Never finishes being imported."""
while True:
    pass
