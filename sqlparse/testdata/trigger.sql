-- case: dialect stamp
CREATE TRIGGER stamp BEFORE INSERT ON orders FOR EACH ROW SET NEW.status = LOWER(NEW.status);

-- case: dialect audit
CREATE TRIGGER audit AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO audit (orderId, old, new) VALUES (NEW.id, OLD.status, NEW.status);

-- case: dialect guard
CREATE TRIGGER guard BEFORE DELETE ON orders FOR EACH ROW
  BEGIN IF OLD.status = 'paid' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'paid orders stay'; END IF; END;

-- case: dialect notify
CREATE TRIGGER notify AFTER INSERT ON orders FOR EACH ROW CALL notify_shipping(NEW.id);

-- case: dialect drop
DROP TRIGGER IF EXISTS notify; DROP TRIGGER notify

-- case: show
SHOW TRIGGERS; SHOW CREATE TRIGGER stamp; show triggers

-- case: compound body
create trigger `big one` before update on `orders` for each row follows stamp
begin
  -- a comment; with a semicolon
  set new.total = round(new.total, 2), new.note = 'a;b';
  if new.total < 0 then
    signal sqlstate value '22003' set message_text = concat('negative total: ', new.total);
  elseif new.status <> old.status and old.status = 'shipped' then
    call refuse(old.id, 'shipped', new.status);
  elseif case when new.qty > 10 then 1 else 0 end = 1 then
    set new.bulk = true;
  else
    begin
      update stats set n = n + 1 where id = new.userId;
      delete from pending where orderId = old.id limit 1;
    end;
  end if;
  if new.x is null then set new.x := 0; end if;
end

-- case: if not exists and precedes
CREATE TRIGGER IF NOT EXISTS t1 BEFORE INSERT ON t FOR EACH ROW PRECEDES t0 SET NEW.a = 1

-- case: single IF body without BEGIN
CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW IF NEW.a > 1 THEN SET NEW.a = 1; ELSE SET NEW.a = 0; END IF

-- case: call without arguments and empty block
CREATE TRIGGER a AFTER DELETE ON t FOR EACH ROW CALL ping; CREATE TRIGGER b AFTER DELETE ON t FOR EACH ROW BEGIN END;

-- case: trigger among other statements
SELECT ?; CREATE TRIGGER t1 AFTER INSERT ON t FOR EACH ROW BEGIN INSERT INTO log VALUES (NEW.id); END; SELECT ? FROM t; DROP TRIGGER t1

-- case: subquery in a body
CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW
  IF NOT EXISTS (SELECT 1 FROM users WHERE users.id = NEW.userId) THEN SIGNAL SQLSTATE '45000'; END IF

-- case: error OLD in INSERT trigger
CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW
BEGIN
  SET NEW.a = OLD.a;
END

-- case: error NEW in DELETE trigger
CREATE TRIGGER t1 AFTER DELETE ON t FOR EACH ROW
  INSERT INTO log (id) VALUES (NEW.id)

-- case: error SET NEW in AFTER trigger
CREATE TRIGGER t1 AFTER UPDATE ON t FOR EACH ROW
BEGIN
  IF OLD.a = 1 THEN
    SET NEW.a = 2;
  END IF;
END

-- case: error SET OLD
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW SET OLD.a = 1

-- case: error SET variable
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW SET @x = 1

-- case: error WHILE
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW
BEGIN
  WHILE NEW.a > 0 DO SET NEW.a = NEW.a - 1; END WHILE;
END

-- case: error DECLARE
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW BEGIN DECLARE x INT; END

-- case: error SELECT
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW BEGIN SELECT a INTO @x FROM t; END

-- case: error label
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW lbl: BEGIN END

-- case: error bad SQLSTATE
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW SIGNAL SQLSTATE '4500'

-- case: error SQLSTATE class 00
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW SIGNAL SQLSTATE '00000'

-- case: error MYSQL_ERRNO
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 1

-- case: error placeholder
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW SET NEW.a = ?

-- case: error missing END IF
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW BEGIN IF NEW.a THEN SET NEW.a = 1; END; END

-- case: error missing semicolon before END
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW BEGIN
  SET NEW.a = 1
END

-- case: error syntax in expression
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW
BEGIN
  IF NEW.a = = 1 THEN SET NEW.a = 1; END IF;
END

-- case: error incomplete condition
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW IF NEW.a = THEN SET NEW.a = 1; END IF

-- case: error missing THEN
CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW IF NEW.a = 1; SET NEW.a = 1; END IF

-- case: error unsupported in body statement
CREATE TRIGGER t1 AFTER UPDATE ON t FOR EACH ROW
  INSERT IGNORE INTO log VALUES (NEW.id)

-- case: error unterminated BEGIN
CREATE TRIGGER t1 AFTER UPDATE ON t FOR EACH ROW BEGIN CALL f(1);

-- case: error header
CREATE TRIGGER t1 DURING UPDATE ON t FOR EACH ROW CALL f()

-- case: error no body
CREATE TRIGGER t1 AFTER UPDATE ON t FOR EACH ROW;

-- case: error definer
CREATE DEFINER = 'root'@'%' TRIGGER t1 AFTER UPDATE ON t FOR EACH ROW CALL f()

-- case: error qualified table
CREATE TRIGGER t1 AFTER UPDATE ON db.t FOR EACH ROW CALL f()

-- case: error show triggers like
SHOW TRIGGERS LIKE 'a%'

-- case: error after trigger reported in order
SELECT 1 FROM; CREATE TRIGGER t1 AFTER UPDATE ON t FOR EACH ROW SET NEW.a = 1

-- case: error trailing text
CREATE TRIGGER t1 AFTER UPDATE ON t FOR EACH ROW BEGIN CALL f(); END x; SELECT 1
