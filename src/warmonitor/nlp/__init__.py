"""The text-reading layer under the coding stages: the spaCy pipeline (`model`) and number
words (`numbers`)."""
