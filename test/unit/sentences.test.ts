import { paragraphs, sentences, stripComments } from '../../lambdas/core/detect/segment';

describe('stripComments', () => {
  it.each([
    '6 Comments',
    'Comments',
    'Comments (12)',
    'Join the conversation',
    '1,204 comments',
    'Leave a comment',
  ])('cuts at "%s"', (marker) => {
    const r = stripComments(`Story line one.\n\nStory line two.\n${marker}\nReader: China did it!`);
    expect(r.cut).toBe(true);
    expect(r.text).not.toMatch(/Reader/);
  });

  it('does not cut at a sentence that mentions comments', () => {
    const text = 'The ministry declined to make comments on the case.\nMore reporting.';
    expect(stripComments(text)).toEqual({ text, cut: false });
  });
});

describe('sentences', () => {
  it('keeps abbreviations inside sentences', () => {
    expect(sentences('U.S. officials met Gen. Smith on Jan. 5 in Washington. They left.')).toEqual([
      'U.S. officials met Gen. Smith on Jan. 5 in Washington.',
      'They left.',
    ]);
  });

  it('ends a sentence at "U.S." when a new clause starts', () => {
    expect(sentences('The hackers targeted the U.S. The attack failed.')).toEqual([
      'The hackers targeted the U.S.',
      'The attack failed.',
    ]);
  });

  it('splits after quotes and question marks', () => {
    expect(sentences('He said "it was them." Was it? Yes.')).toEqual([
      'He said "it was them."',
      'Was it?',
      'Yes.',
    ]);
  });
});

describe('paragraphs', () => {
  it('uses blank lines when present, else lines', () => {
    expect(paragraphs('a\nb\n\nc')).toEqual(['a b', 'c']);
    expect(paragraphs('a\nb\nc')).toEqual(['a', 'b', 'c']);
  });
});
