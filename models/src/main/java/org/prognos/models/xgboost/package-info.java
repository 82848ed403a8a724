/**
 * XGBoost models scored the fast way, always checked against the slow one. {@link
 * org.prognos.models.xgboost.TribuoProtobufFactory} loads every {@code tribuo-protobuf} payload; for an XGBoost
 * model it tries {@link org.prognos.models.xgboost.XGBoostDirectPredictor}, which feeds the booster one dense float
 * matrix instead of Tribuo's boxed examples, and is kept only when it equals Tribuo's predictions on probe rows.
 *
 * <p>Faster still: {@code BoosterJson} reads the booster's own JSON model into a {@code TreeEnsemble} (flat
 * arrays), which is walked in Java with XGBoost's float arithmetic and {@code Expf}, a port of the C library's
 * {@code expf}. The walk replaces the booster only when it gives the booster's outputs bit for bit on 2,030 rows
 * at load time; {@code TreeOcclusion} walks again only where an occluded column is on a row's path, for
 * explanations. Every fast path here has its equivalence test beside it.
 */
package org.prognos.models.xgboost;
