package com.jobswipe.matching;

import com.jobswipe.bus.MatchingMessages.FeedFilters;
import com.jobswipe.text.CompanyNames;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open jobs in one in-memory Lucene index: BM25 over title, skills and description, an HNSW graph over
 * the job vectors, and keyword/point fields for the hard filters. Writes come from one thread (the matching
 * role's index worker); searches from any number, each on the latest refreshed view.
 *
 * <p>Only vectors of one model ({@link #model()}) go into the graph: vectors of different models are not
 * comparable. A job whose vector is of another model (a re-embedding still under way) is found by text only.
 */
final class JobIndex implements AutoCloseable {

  /** HNSW graph parameters: 16 links per node (Lucene's default) and a smaller build beam than its 100, which
   * halves build time for a recall loss we could not measure at feed depth (hundreds of candidates). */
  private static final int MAX_CONN = 16;
  private static final int BEAM_WIDTH = 50;

  private static final String ID = "id";
  private static final String TITLE = "title";
  private static final String DESCRIPTION = "description";
  private static final String SKILL = "skill";
  private static final String REMOTE = "remote";
  private static final String SENIORITY = "seniority";
  private static final String COMPANY = "company";
  private static final String LOCATION = "loc";
  private static final String HAS_LOCATION = "has_loc";
  private static final String SALARY_TOP = "salary_top";
  private static final String SALARY_CURRENCY = "salary_cur";
  private static final String POSTED = "posted";
  private static final String VECTOR = "vec";
  private static final String UNKNOWN = "unknown";

  /** A job to index: what is kept in memory and the description text, which only the index holds. */
  record IndexedJob(JobDoc doc, String description) {
  }

  /** What a search asks: weighted skills and phrases for BM25, a vector for KNN, filters, ids to leave out. */
  record Search(Map<String, Double> skills, List<String> titles, Optional<String> headline,
                Optional<float[]> vector, FeedFilters filters, Set<UUID> excluded, int depth) {
  }

  /** Both candidate lists, best first; {@code newest} is filled only for a search with nothing to rank by. */
  record Candidates(List<FeedRanker.Hit> text, List<FeedRanker.Hit> vector, List<FeedRanker.Hit> newest) {
  }

  private final Analyzer analyzer = new PerFieldAnalyzerWrapper(new EnglishAnalyzer(),
      Map.of(LOCATION, new StandardAnalyzer()));
  private final QueryBuilder queries = new QueryBuilder(analyzer);
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<UUID, JobDoc> docs = new ConcurrentHashMap<>();
  private final Optional<String> model;

  JobIndex(Optional<String> model) {
    this.model = model;
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setRAMBufferSizeMB(128)
        .setCodec(new Lucene912Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
          }
        });
    try {
      writer = new IndexWriter(directory, config);
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The embedding model whose vectors are in the graph. */
  Optional<String> model() {
    return model;
  }

  JobDoc get(UUID id) {
    return docs.get(id);
  }

  int size() {
    return docs.size();
  }

  Collection<JobDoc> all() {
    return docs.values();
  }

  /** Adds or replaces these jobs; visible to searches after {@link #refresh()}. */
  void put(List<IndexedJob> jobs) {
    try {
      for (IndexedJob job : jobs) {
        JobDoc doc = job.doc();
        writer.updateDocument(new Term(ID, doc.id().toString()), document(doc, job.description()));
        docs.put(doc.id(), doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void remove(Collection<UUID> ids) {
    try {
      for (UUID id : ids) {
        writer.deleteDocuments(new Term(ID, id.toString()));
        docs.remove(id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Document document(JobDoc job, String description) {
    Document d = new Document();
    d.add(new StringField(ID, job.id().toString(), Field.Store.NO));
    d.add(new BinaryDocValuesField(ID, new BytesRef(uuidBytes(job.id()))));
    d.add(new TextField(TITLE, job.title(), Field.Store.NO));
    d.add(new TextField(DESCRIPTION, description == null ? "" : description, Field.Store.NO));
    for (String skill : job.skills()) {
      d.add(new StringField(SKILL, skill.toLowerCase(Locale.ROOT), Field.Store.NO));
    }
    d.add(new StringField(REMOTE, job.remote(), Field.Store.NO));
    d.add(new StringField(SENIORITY, job.seniority().orElse(UNKNOWN), Field.Store.NO));
    d.add(new StringField(COMPANY, job.companyKey(), Field.Store.NO));
    for (String location : job.locations()) {
      d.add(new TextField(LOCATION, location, Field.Store.NO));
    }
    d.add(new StringField(HAS_LOCATION, job.locations().isEmpty() ? "0" : "1", Field.Store.NO));
    job.salary().ifPresent(salary -> salary.yearlyTop().ifPresent(top -> {
      d.add(new DoublePoint(SALARY_TOP, top));
      d.add(new StringField(SALARY_CURRENCY, salary.currency(), Field.Store.NO));
    }));
    d.add(new NumericDocValuesField(POSTED, job.postedAt().map(p -> p.toEpochMilli()).orElse(0L)));
    if (model.isPresent() && job.vector().isPresent() && job.vectorModel().equals(model)) {
      d.add(new KnnFloatVectorField(VECTOR, job.vector().get(), VectorSimilarityFunction.DOT_PRODUCT));
    }
    return d;
  }

  /** Both candidate lists for one feed, or the newest jobs when the search has no terms and no vector. */
  Candidates search(Search search) {
    Query filter = filter(search.filters(), search.excluded());
    Optional<Query> text = textQuery(search);
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        if (text.isEmpty() && search.vector().isEmpty()) {
          TopDocs newest = searcher.search(filter, search.depth(),
              new Sort(new SortField(POSTED, SortField.Type.LONG, true)));
          return new Candidates(List.of(), List.of(), hits(searcher, newest, false));
        }
        List<FeedRanker.Hit> textHits = List.of();
        if (text.isPresent()) {
          Query scored = new BooleanQuery.Builder().add(text.get(), Occur.MUST).add(filter, Occur.FILTER).build();
          textHits = hits(searcher, searcher.search(scored, search.depth()), false);
        }
        List<FeedRanker.Hit> vectorHits = List.of();
        if (search.vector().isPresent()) {
          Query knn = new KnnFloatVectorQuery(VECTOR, search.vector().get(), search.depth(), filter);
          vectorHits = hits(searcher, searcher.search(knn, search.depth()), true);
        }
        return new Candidates(textHits, vectorHits, List.of());
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The hits' job ids, read from doc values (a few bytes each) rather than stored fields (which decompress a
   * whole block per document), visiting documents in index order as doc values require.
   */
  private static List<FeedRanker.Hit> hits(IndexSearcher searcher, TopDocs top, boolean similarity)
      throws IOException {
    ScoreDoc[] scored = top.scoreDocs;
    Integer[] byDoc = new Integer[scored.length];
    for (int i = 0; i < scored.length; i++) {
      byDoc[i] = i;
    }
    Arrays.sort(byDoc, Comparator.comparingInt(i -> scored[i].doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    UUID[] ids = new UUID[scored.length];
    LeafReaderContext leaf = null;
    BinaryDocValues values = null;
    for (int i : byDoc) {
      int doc = scored[i].doc;
      if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        values = DocValues.getBinary(leaf.reader(), ID);
      }
      if (!values.advanceExact(doc - leaf.docBase)) {
        throw new IllegalStateException("an indexed job without an id");
      }
      ids[i] = uuidOf(values.binaryValue());
    }
    List<FeedRanker.Hit> hits = new ArrayList<>(scored.length);
    for (int i = 0; i < scored.length; i++) {
      // Lucene scores DOT_PRODUCT as (1 + cos) / 2; the explanation wants the cosine.
      hits.add(new FeedRanker.Hit(ids[i], similarity ? 2 * scored[i].score - 1 : scored[i].score));
    }
    return hits;
  }

  private static byte[] uuidBytes(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
  }

  private static UUID uuidOf(BytesRef bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length);
    return new UUID(buffer.getLong(), buffer.getLong());
  }


  /**
   * BM25 half of the query: each skill as an exact skill (×3) and as words in the title (×1.5) and
   * description (×0.5), each times its learned weight; wanted or held titles in the title (×2) and
   * description (×0.3); the headline likewise at half weight.
   */
  private Optional<Query> textQuery(Search search) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    for (Map.Entry<String, Double> skill : search.skills().entrySet()) {
      double w = skill.getValue();
      if (w <= 0) {
        continue;
      }
      clauses += add(any, new TermQuery(new Term(SKILL, skill.getKey())), 3 * w);
      clauses += add(any, queries.createPhraseQuery(TITLE, skill.getKey()), 1.5 * w);
      clauses += add(any, queries.createPhraseQuery(DESCRIPTION, skill.getKey()), 0.5 * w);
    }
    for (String title : search.titles()) {
      clauses += add(any, queries.createBooleanQuery(TITLE, title), 2);
      clauses += add(any, queries.createBooleanQuery(DESCRIPTION, title), 0.3);
    }
    if (search.headline().isPresent()) {
      clauses += add(any, queries.createBooleanQuery(TITLE, search.headline().get()), 1);
      clauses += add(any, queries.createBooleanQuery(DESCRIPTION, search.headline().get()), 0.15);
    }
    return clauses == 0 ? Optional.empty() : Optional.of(any.build());
  }

  private static int add(BooleanQuery.Builder any, Query query, double boost) {
    if (query == null) {
      return 0;
    }
    any.add(new BoostQuery(query, (float) boost), Occur.SHOULD);
    return 1;
  }

  /**
   * The hard filters. Unknown values pass where the job might still fit: an undated salary or seniority, a
   * job without a location; a salary in another currency is not converted and passes. Workplace: remote
   * wants remote jobs only; hybrid takes remote, hybrid and unknown; onsite takes onsite, hybrid and unknown.
   * A location matches by its first part ("Berlin, Germany" → Berlin) anywhere in the job's locations, and a
   * remote job matches any location.
   */
  private Query filter(FeedFilters filters, Set<UUID> excluded) {
    BooleanQuery.Builder f = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER);
    switch (filters.remote()) {
      case "remote" -> f.add(term(REMOTE, "remote"), Occur.FILTER);
      case "hybrid" -> f.add(anyOf(REMOTE, List.of("remote", "hybrid", UNKNOWN)), Occur.FILTER);
      case "onsite" -> f.add(anyOf(REMOTE, List.of("onsite", "hybrid", UNKNOWN)), Occur.FILTER);
      default -> {
      }
    }
    if (!filters.locations().isEmpty()) {
      BooleanQuery.Builder places = new BooleanQuery.Builder()
          .add(term(REMOTE, "remote"), Occur.SHOULD)
          .add(term(HAS_LOCATION, "0"), Occur.SHOULD);
      for (String location : filters.locations()) {
        Query place = queries.createPhraseQuery(LOCATION, location.split(",")[0]);
        if (place != null) {
          places.add(place, Occur.SHOULD);
        }
      }
      f.add(places.build(), Occur.FILTER);
    }
    if (!filters.seniority().isEmpty()) {
      List<String> levels = new ArrayList<>(filters.seniority());
      levels.add(UNKNOWN);
      f.add(anyOf(SENIORITY, levels), Occur.FILTER);
    }
    if (filters.salaryFloor().isPresent()) {
      String currency = filters.salaryCurrency().orElse("USD");
      f.add(new BooleanQuery.Builder()
          .add(term(SALARY_CURRENCY, currency), Occur.FILTER)
          .add(DoublePoint.newRangeQuery(SALARY_TOP, Double.NEGATIVE_INFINITY,
              Math.nextDown((double) filters.salaryFloor().get())), Occur.FILTER)
          .build(), Occur.MUST_NOT);
    }
    if (!filters.excludedCompanies().isEmpty()) {
      f.add(anyOf(COMPANY, filters.excludedCompanies().stream().map(CompanyNames::key).toList()), Occur.MUST_NOT);
    }
    if (!excluded.isEmpty()) {
      f.add(anyOf(ID, excluded.stream().map(UUID::toString).toList()), Occur.MUST_NOT);
    }
    return f.build();
  }

  private static Query term(String field, String value) {
    return new TermQuery(new Term(field, value));
  }

  private static Query anyOf(String field, Collection<String> values) {
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
