package com.jobswipe.matching;

import com.jobswipe.bus.MatchingMessages.FeedFilters;
import com.jobswipe.text.CompanyNames;
import com.jobswipe.text.Vectors;
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
import org.apache.lucene.index.DirectoryReader;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentSkipListSet;

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

  /**
   * What a search asks: weighted skills and phrases for BM25, a vector for KNN, filters, ids to leave out.
   * {@code profileWeight} scales the titles and headline (the profile's own words), which fade as swipes speak.
   */
  record Search(Map<String, Double> skills, List<String> titles, Optional<String> headline, double profileWeight,
                Optional<float[]> vector, FeedFilters filters, Set<UUID> excluded, int depth) {
  }

  /** A job in a family's freshness order: newest first, undated last, then by id. */
  private record Fresh(long postedMillis, UUID id) implements Comparable<Fresh> {
    @Override
    public int compareTo(Fresh other) {
      int byDate = Long.compare(other.postedMillis, postedMillis);
      return byDate != 0 ? byDate : id.compareTo(other.id);
    }
  }

  /** Per-family vector sums, written by the index thread only; {@link #refresh()} publishes their means. */
  private static final class FamilySum {
    double[] sum;
    int count;
  }

  /** Both candidate lists, best first; {@code newest} is filled only for a search with nothing to rank by. */
  record Candidates(List<FeedRanker.Hit> text, List<FeedRanker.Hit> vector, List<FeedRanker.Hit> newest) {
  }

  /**
   * A search's inputs compared by content (a {@link Search} compares its vector by identity), with the version of the
   * index view it ran on: any write to the index makes a new view, so a kept result is never stale.
   */
  private record SearchKey(long indexVersion, Map<String, Double> skills, List<String> titles,
                           Optional<String> headline, double profileWeight, Optional<List<Float>> vector,
                           FeedFilters filters, Set<UUID> excluded, int depth) {

    static SearchKey of(long indexVersion, Search search) {
      return new SearchKey(indexVersion, Map.copyOf(search.skills()), List.copyOf(search.titles()), search.headline(),
          search.profileWeight(), search.vector().map(JobIndex::boxed), search.filters(),
          Set.copyOf(search.excluded()), search.depth());
    }
  }

  /**
   * Candidate lists of recent searches. A user who opens the app again with the same profile, swipes and filters,
   * before the index changed, gets the same lists: about half of a ranking's CPU time is these two searches. Bounded
   * by count (a pair of 300-deep lists is ~40 KB) and by the swiped set a key may hold ({@link #KEPT_EXCLUSIONS} ids,
   * ~60 KB), so the whole stays under ~50 MB; searches after any index write miss and push old ones out.
   */
  static final int RECENT_SEARCHES = 500;
  /** A search leaving out more swiped jobs than this is not kept: its key alone would weigh more than its lists. */
  static final int KEPT_EXCLUSIONS = 1_000;

  private final Analyzer analyzer = new PerFieldAnalyzerWrapper(new EnglishAnalyzer(),
      Map.of(LOCATION, new StandardAnalyzer()));
  private final QueryBuilder queries = new QueryBuilder(analyzer);
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<UUID, JobDoc> docs = new ConcurrentHashMap<>();
  private final Optional<String> model;
  /** Each family's open jobs, newest first: exploration reads a few from the top without scanning the index. */
  private final Map<String, NavigableSet<Fresh>> freshest = new ConcurrentHashMap<>();
  private final Map<String, FamilySum> familySums = new HashMap<>();
  private volatile Map<String, float[]> centroids = Map.of();
  /** Searches and writes in progress, plus one while the node serves from this index (see {@link #retire}). */
  private final AtomicInteger holds = new AtomicInteger(1);
  private final Map<SearchKey, Candidates> recentSearches = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SearchKey, Candidates> eldest) {
          return size() > RECENT_SEARCHES;
        }
      });

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
        JobDoc old = docs.put(doc.id(), doc);
        if (old != null) {
          leaveFamily(old);
        }
        joinFamily(doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void remove(Collection<UUID> ids) {
    try {
      for (UUID id : ids) {
        writer.deleteDocuments(new Term(ID, id.toString()));
        JobDoc old = docs.remove(id);
        if (old != null) {
          leaveFamily(old);
        }
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
    Map<String, float[]> means = new HashMap<>();
    familySums.forEach((family, s) -> {
      if (s.count > 0) {
        means.put(family, Vectors.normalized(Vectors.toFloats(s.sum)));
      }
    });
    centroids = Map.copyOf(means);
  }

  private static Fresh fresh(JobDoc job) {
    return new Fresh(job.postedAt().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE), job.id());
  }

  private boolean inGraph(JobDoc job) {
    return model.isPresent() && job.vector().isPresent() && job.vectorModel().equals(model);
  }

  private void joinFamily(JobDoc job) {
    job.family().ifPresent(family -> {
      freshest.computeIfAbsent(family, f -> new ConcurrentSkipListSet<>()).add(fresh(job));
      if (inGraph(job)) {
        FamilySum s = familySums.computeIfAbsent(family, f -> new FamilySum());
        s.sum = s.sum == null ? new double[job.vector().get().length] : s.sum;
        Vectors.addScaled(s.sum, job.vector().get(), 1);
        s.count++;
      }
    });
  }

  private void leaveFamily(JobDoc job) {
    job.family().ifPresent(family -> {
      NavigableSet<Fresh> jobs = freshest.get(family);
      if (jobs != null) {
        jobs.remove(fresh(job));
      }
      FamilySum s = familySums.get(family);
      if (inGraph(job) && s != null && s.count > 0) {
        Vectors.addScaled(s.sum, job.vector().get(), -1);
        s.count--;
      }
    });
  }

  /** Each family's mean job vector (unit length), as of the last {@link #refresh()}: how near families are. */
  Map<String, float[]> familyCentroids() {
    return centroids;
  }

  /**
   * Up to {@code perFamily} of the newest open jobs of every family that pass the filters and are not
   * {@code excluded}, newest first. Reads the head of each family's freshness list (walking past excluded ones,
   * so the work grows with the user's swipes and the number of families, never with the catalogue), then checks
   * the few picked against the filters in one query. A family whose newest jobs all fail the filters has none.
   */
  Map<String, List<FeedRanker.Hit>> newestPerFamily(FeedFilters filters, Set<UUID> excluded, int perFamily) {
    Map<String, List<UUID>> picked = new TreeMap<>();
    List<String> ids = new ArrayList<>();
    freshest.forEach((family, jobs) -> {
      List<UUID> some = new ArrayList<>(perFamily);
      for (Fresh f : jobs) {
        if (some.size() == perFamily) {
          break;
        }
        if (!excluded.contains(f.id())) {
          some.add(f.id());
          ids.add(f.id().toString());
        }
      }
      if (!some.isEmpty()) {
        picked.put(family, some);
      }
    });
    if (ids.isEmpty()) {
      return Map.of();
    }
    Set<UUID> passing = passing(filters, ids);
    Map<String, List<FeedRanker.Hit>> out = new LinkedHashMap<>();
    picked.forEach((family, some) -> {
      List<FeedRanker.Hit> ok = some.stream().filter(passing::contains).map(id -> new FeedRanker.Hit(id, 0)).toList();
      if (!ok.isEmpty()) {
        out.put(family, ok);
      }
    });
    return out;
  }

  /** Of these open jobs, the ones that pass the filters and are not {@code excluded}, in the given order. */
  List<FeedRanker.Hit> passing(FeedFilters filters, List<UUID> jobs, Set<UUID> excluded) {
    List<String> ids = jobs.stream().filter(id -> !excluded.contains(id)).map(UUID::toString).toList();
    if (ids.isEmpty()) {
      return List.of();
    }
    Set<UUID> passing = passing(filters, ids);
    return jobs.stream().filter(passing::contains).map(id -> new FeedRanker.Hit(id, 0)).toList();
  }

  /** One filter query over a few ids: which of them pass. */
  private Set<UUID> passing(FeedFilters filters, List<String> ids) {
    Query query = new BooleanQuery.Builder().add(filter(filters, Set.of()), Occur.FILTER)
        .add(anyOf(ID, ids), Occur.FILTER).build();
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        Set<UUID> passing = new HashSet<>();
        hits(searcher, searcher.search(query, ids.size()), false).forEach(h -> passing.add(h.id()));
        return passing;
      } finally {
        searchers.release(searcher);
      }
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
    if (inGraph(job)) {
      d.add(new KnnFloatVectorField(VECTOR, job.vector().get(), VectorSimilarityFunction.DOT_PRODUCT));
    }
    return d;
  }

  /** Both candidate lists for one feed, or the newest jobs when the search has no terms and no vector. */
  Candidates search(Search search) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        if (search.excluded().size() > KEPT_EXCLUSIONS) {
          return search(searcher, search);
        }
        SearchKey key = SearchKey.of(((DirectoryReader) searcher.getIndexReader()).getVersion(), search);
        Candidates kept = recentSearches.get(key);
        if (kept == null) {
          kept = search(searcher, search);
          recentSearches.put(key, kept);
        }
        return kept;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Float> boxed(float[] vector) {
    List<Float> boxed = new ArrayList<>(vector.length);
    for (float x : vector) {
      boxed.add(x);
    }
    return boxed;
  }

  private Candidates search(IndexSearcher searcher, Search search) throws IOException {
    Query filter = filter(search.filters(), search.excluded());
    Optional<Query> text = textQuery(search);
    if (text.isEmpty() && search.vector().isEmpty()) {
      TopDocs newest = searcher.search(filter, search.depth(),
          new Sort(new SortField(POSTED, SortField.Type.LONG, true)));
      return new Candidates(List.of(), List.of(), List.copyOf(hits(searcher, newest, false)));
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
    return new Candidates(List.copyOf(textHits), List.copyOf(vectorHits), List.of());
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
   * description (×0.3); the headline likewise at half weight; titles and headline times the profile's weight.
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
    double own = search.profileWeight();
    for (String title : search.titles()) {
      clauses += add(any, queries.createBooleanQuery(TITLE, title), 2 * own);
      clauses += add(any, queries.createBooleanQuery(DESCRIPTION, title), 0.3 * own);
    }
    if (search.headline().isPresent()) {
      clauses += add(any, queries.createBooleanQuery(TITLE, search.headline().get()), own);
      clauses += add(any, queries.createBooleanQuery(DESCRIPTION, search.headline().get()), 0.15 * own);
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

  /**
   * Takes a hold for one search or write, so a rebuild that swaps this index out cannot close it underneath.
   * False once the index is retired and every hold is released: take the node's current index instead.
   */
  boolean hold() {
    for (int n = holds.get(); n > 0; n = holds.get()) {
      if (holds.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Ends a hold; the last release after {@link #retire} closes the index. */
  void release() {
    if (holds.decrementAndGet() == 0) {
      close();
    }
  }

  /** The node no longer serves from this index: it closes once the searches and writes holding it are done. */
  void retire() {
    release();
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
