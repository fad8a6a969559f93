-- Refund guards the CHECKs on one table cannot express (they cannot see another table). Together with
-- deposits_refund_le_paid, deposits_refund_not_utilised and refund_one_live_per_deposit they make the
-- database refuse, even when the application is bypassed: a refund request for more than the deposit,
-- a live refund request on a deposit that is not held (utilised, or already refunded), a deposit marked
-- utilised while a refund is asked, approved or done, and a utilised deposit that records refunded money.
CREATE OR REPLACE FUNCTION refund_requests_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d deposits%ROWTYPE;
  held integer;
BEGIN
  SELECT * INTO d FROM deposits WHERE id = NEW.deposit_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN NEW; -- the foreign key reports it
  END IF;
  -- A refund done is measured against what was paid; one asked or in flight against what is still held.
  held := d.amount_baisa;
  IF NEW.status <> 'refunded' THEN
    held := d.amount_baisa - d.refunded_baisa;
  END IF;
  IF NEW.status IN ('submitted', 'approved', 'refunded') AND NEW.amount_baisa > held THEN
    RAISE EXCEPTION 'refund of % baisa exceeds deposit % (% paid, % refunded)',
      NEW.amount_baisa, d.id, d.amount_baisa, d.refunded_baisa
      USING ERRCODE = 'check_violation', CONSTRAINT = 'refund_le_deposit';
  END IF;
  IF NEW.status IN ('submitted', 'approved') AND (d.status <> 'paid' OR d.utilised_at IS NOT NULL) THEN
    RAISE EXCEPTION 'deposit % is % and cannot be refunded', d.id, d.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'refund_deposit_held';
  END IF;
  IF NEW.status = 'refunded' AND (d.status = 'utilised' OR d.utilised_at IS NOT NULL) THEN
    RAISE EXCEPTION 'deposit % was utilised and cannot be refunded', d.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'refund_deposit_held';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER refund_requests_guard
  BEFORE INSERT OR UPDATE OF amount_baisa, status, deposit_id ON refund_requests
  FOR EACH ROW EXECUTE FUNCTION refund_requests_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION deposits_refund_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.status = 'utilised' OR NEW.utilised_at IS NOT NULL) THEN
    IF NEW.refunded_baisa > 0 OR NEW.status = 'refunded' THEN
      RAISE EXCEPTION 'deposit % is utilised and cannot be refunded', NEW.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'deposits_refund_not_utilised';
    END IF;
    IF EXISTS (
      SELECT 1 FROM refund_requests r
      WHERE r.deposit_id = NEW.id AND r.status IN ('submitted', 'approved', 'refunded')
    ) THEN
      RAISE EXCEPTION 'deposit % has a refund asked, in flight or done and cannot be utilised', NEW.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'deposits_utilised_without_refund';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deposits_refund_guard
  BEFORE INSERT OR UPDATE OF status, utilised_at, refunded_baisa ON deposits
  FOR EACH ROW EXECUTE FUNCTION deposits_refund_guard();
