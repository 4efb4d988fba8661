"""The words that search knows: every lexeme of every search column, kept by database triggers.

A query word that matches no record exactly ("resilence", "faisal") is corrected against this
dictionary (words of 3 to 40 letters: not e-mail addresses, numbers or codes, which are matched
as prefixes) by trigram similarity — a small table, searched through its own index — and the
corrected words are then looked up in each model's full-text index. So a typo costs one lookup
among the distinct words, never a similarity computation over every record.
"""

from django.contrib.postgres.indexes import GistIndex, OpClass
from django.db import models


class SearchWord(models.Model):
    word = models.CharField(max_length=255, primary_key=True)

    class Meta:
        indexes = [GistIndex(OpClass("word", name="gist_trgm_ops"), name="search_word_trgm")]

    def __str__(self):
        return self.word
