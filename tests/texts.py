"""Input texts that several test modules read (tests import these, never each other)."""

# a forum thread under a short article: numbered comments, replies, a deleted one, a "Quote:" block
THREAD = """A union of three republics

Moscow proposed a gas union to its neighbours this week.

1. Astana answered that the union is premature.
2. Tashkent said the talks are only commercial.
  1. Ivan Petrov (Vanya) 9 December 2022 16: 56
    Nobody needs this union.
  2. steppe_fox Offline steppe_fox
    steppe_fox (Aigul) 9 December 2022 17: 01
    The union is a bad idea for Kazakhstan.

    It would cost us our independence.
    1. The comment was deleted.
    2. Marat Online Marat
      Marat 10 December 2022 08: 05
      Quote: steppe_fox
      The union is a bad idea for Kazakhstan.

      I disagree with you completely.
      1. steppe_fox Offline steppe_fox
        steppe_fox (Aigul) 10 December 2022 09: 15
        We will see who is right.
  3. Oleg 11 December 2022 6: 36
    Only time will tell.
"""

# a saved news page: metadata, navigation, the article, two reader comments, a footer
PAGE = """<html><head><title>Russia and Kazakhstan talk alliance - Example</title>
<meta property="og:title" content="Russia and Kazakhstan talk alliance">
<meta name="author" content="Ivan Petrov">
<meta property="article:published_time" content="2024-01-30T00:50:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Russia and Kazakhstan talk alliance</h1>
<p>Tokayev said on Monday that Kazakhstan would not join any military alliance with Russia, officials said.</p>
<p>"We are a sovereign country," Tokayev said. "Our partnership with China and the EU matters as well."</p>
</article>
<section id="comments" class="comments"><h3>Comments</h3><ol>
<li class="comment"><p>Kazakhstan will never join us, this much is obvious to anyone following the news.</p></li>
<li class="comment"><p>China is the real winner here, as always, and everyone in Moscow knows it well.</p></li>
</ol></section><footer>Copyright 2024 Example Media</footer></body></html>"""
