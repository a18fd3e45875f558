"""When it happened: date expressions resolved against publication (`mentions`), the day of
each event (`event_time`), and what is background rather than news (`background`)."""
